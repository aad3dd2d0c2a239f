resource "aws_totally_new_uploader" "x" {
  path = "/etc/passwd"
}
