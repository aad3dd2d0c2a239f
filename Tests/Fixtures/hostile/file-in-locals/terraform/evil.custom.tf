locals {
  x = file("{{MARKER}}")
}
