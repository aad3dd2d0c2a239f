locals {
  x = 1   y = file("/etc/passwd")
}
