locals {
  x = "${file("/etc/passwd")"
}
