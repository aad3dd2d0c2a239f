locals {
  a = { file = "x", templatefile = "y" }
  b = format("%s", "file(\"/etc/passwd\")")
  c = local.a.file
}
