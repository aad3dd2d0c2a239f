resource "aws_s3_object" "x" {
  bucket = "b"
  key    = "k"
  source = "${path.cwd}/x"
}
