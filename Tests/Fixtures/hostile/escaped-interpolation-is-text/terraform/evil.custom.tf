locals {
  x = "$${file(\"/etc/passwd\")} %%{ if true }"
}
