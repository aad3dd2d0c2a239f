# provisioner "local-exec" { command = "touch {{MARKER}}" }
// data "external" "x" {}
/* backend "local" {}
   file("/etc/passwd") */
resource "aws_s3_bucket" "ok" {
  bucket = "hostile-suite-ok"
}
