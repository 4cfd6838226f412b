"""What must hold before anything is shown: no personal data, plain English, easy read."""
