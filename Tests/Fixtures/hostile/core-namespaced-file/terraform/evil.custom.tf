locals {
  x = core::file("/etc/passwd")
}
