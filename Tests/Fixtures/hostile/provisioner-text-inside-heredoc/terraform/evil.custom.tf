resource "aws_instance" "web" {
  ami           = "ami-12c6146b"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    provisioner "local-exec" {
      command = "touch /tmp/x"
    }
    data "external" "x" {}
    ${upper("file")}
  EOT
}
