locals {
  x = filebase64sha256("/etc/passwd")
}
