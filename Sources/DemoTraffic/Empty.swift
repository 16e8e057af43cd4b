// This module's sources are being written.
