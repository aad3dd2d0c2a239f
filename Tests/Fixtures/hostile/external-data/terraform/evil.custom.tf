data "external" "x" {
  program = ["sh", "-c", "touch {{MARKER}}; echo {}"]
}
