resource "aws_connect_contact_flow" "x" {
  instance_id = "i"
  name        = "x"
  filename    = "/proc/self/environ"
}
