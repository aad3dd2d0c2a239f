data "aws_local_file_reader" "x" {
  path = "/etc/passwd"
}
