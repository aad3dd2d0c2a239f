resource "aws_instance" "x" {
  ami = "ami-12c6146b"
  dynamic "provisioner" {
    for_each = ["x"]
    content {}
  }
}
