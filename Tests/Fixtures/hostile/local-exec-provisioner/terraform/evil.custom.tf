resource "aws_instance" "x" {
  ami           = "ami-12c6146b"
  instance_type = "t3.micro"
  provisioner "local-exec" {
    command = "touch {{MARKER}}"
  }
}
