resource "aws_synthetics_canary" "x" {
  name     = "x"
  zip_file = "../../../../etc/passwd"
}
