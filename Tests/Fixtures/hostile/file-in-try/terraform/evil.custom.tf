locals {
  x = try(file("/etc/passwd"), "")
}
