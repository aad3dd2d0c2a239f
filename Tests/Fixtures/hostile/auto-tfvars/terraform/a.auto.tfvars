x = "y"
