locals {
  x = true ? file("/etc/passwd") : ""
}
