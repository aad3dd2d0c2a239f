resource "aws_security_group" "g" {
  dynamic "ingress" {
    for_each = split("\n", file("/etc/passwd"))
    content {
      description = ingress.value
    }
  }
}
