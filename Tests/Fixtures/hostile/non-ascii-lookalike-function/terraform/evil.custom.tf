locals {
  x = fіle("/etc/passwd")
}
