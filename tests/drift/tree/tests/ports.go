package tests

import "os"

const (
	WSPort  = 18765
	MaxPort = 65535
)

var ChannelSize = 1024

func setup() {
	os.Chmod("x", 0640)
}
