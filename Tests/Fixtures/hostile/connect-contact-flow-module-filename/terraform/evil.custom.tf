resource "aws_connect_contact_flow_module" "x" {
  instance_id = "i"
  name        = "x"
  filename    = "/etc/passwd"
}
