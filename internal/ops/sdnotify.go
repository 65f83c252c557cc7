package ops

import (
	"fmt"
	"net"
	"strings"
)

// Notify sends state (e.g. "READY=1", "STOPPING=1") to the service manager
// listening on socket, the value of NOTIFY_SOCKET: a path, or an abstract
// socket name starting with "@". An empty socket sends nothing. This is
// systemd's sd_notify protocol, one datagram per call.
func Notify(socket, state string) error {
	if socket == "" {
		return nil
	}
	if strings.HasPrefix(socket, "@") {
		socket = "\x00" + socket[1:]
	}
	conn, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: socket, Net: "unixgram"})
	if err != nil {
		return fmt.Errorf("notify the service manager: %w", err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(state)); err != nil {
		return fmt.Errorf("notify the service manager: %w", err)
	}
	return nil
}
