//! Byte transports: serial port, pseudo-terminal, memory.
