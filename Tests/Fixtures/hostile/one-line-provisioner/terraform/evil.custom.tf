resource "aws_instance" "web" { provisioner "local-exec" { command = "touch {{MARKER}}" } }
