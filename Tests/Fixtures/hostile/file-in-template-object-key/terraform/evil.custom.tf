locals {
  x = { "${file("/etc/passwd")}" = 1 }
}
