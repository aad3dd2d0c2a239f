locals {
  x = "%{ if file("/etc/passwd") != "" }x%{ endif }"
}
