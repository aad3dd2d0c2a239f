resource "local_file" "x" {
  filename = "{{MARKER}}"
  content  = "x"
}
