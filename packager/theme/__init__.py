"""Course themes: brand colours checked for contrast, logo, cover, fonts and an author stylesheet."""
