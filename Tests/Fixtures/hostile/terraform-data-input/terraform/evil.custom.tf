resource "terraform_data" "marker" {
  input = "value"
}
