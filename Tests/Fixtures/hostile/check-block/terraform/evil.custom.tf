check "health" {
  data "external" "probe" {
    program = ["true"]
  }
}
