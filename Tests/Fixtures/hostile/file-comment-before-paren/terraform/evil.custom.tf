locals {
  x = file /* c */ ("/etc/passwd")
}
