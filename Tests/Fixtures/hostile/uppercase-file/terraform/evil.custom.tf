locals {
  x = FILE("/etc/passwd")
}
