"""Reading the spreadsheets real platforms export (Meta, Google Ads, LinkedIn, TikTok, X, GA4)."""
