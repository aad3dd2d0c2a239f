locals {
  x = [{ a = file("/etc/passwd") }][*].a
}
