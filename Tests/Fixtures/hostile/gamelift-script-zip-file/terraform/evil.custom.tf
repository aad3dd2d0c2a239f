resource "aws_gamelift_script" "x" {
  name     = "x"
  zip_file = "{{MARKER}}"
}
