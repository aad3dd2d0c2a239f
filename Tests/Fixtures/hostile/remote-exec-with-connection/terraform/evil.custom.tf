resource "aws_instance" "x" {
  ami = "ami-12c6146b"
  connection {
    host = "127.0.0.1"
  }
  provisioner "remote-exec" {
    inline = ["id"]
  }
}
