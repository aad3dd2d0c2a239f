locals {
  x = [for l in split("\n", file("/etc/passwd")) : l]
}
