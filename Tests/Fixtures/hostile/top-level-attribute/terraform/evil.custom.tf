x = file("/etc/passwd")
