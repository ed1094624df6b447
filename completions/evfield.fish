# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_evfield_global_optspecs
    string join \n json lang= v/verbose q/quiet config= non-interactive data-dir= experimental h/help V/version
end

function __fish_evfield_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_evfield_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_evfield_using_subcommand
    set -l cmd (__fish_evfield_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c evfield -n "__fish_evfield_needs_command" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_needs_command" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_needs_command" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_needs_command" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_needs_command" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_needs_command" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_needs_command" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_needs_command" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_needs_command" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_needs_command" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "renetwork" -d 'Guided re-networking of one station, from the pre-check to a verified, pinpointed station'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "sessions" -d 'List sessions and their state (in progress at step X, failed, done, abandoned); `sessions abandon ID` gives one up'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "sim" -d 'Run a simulated station on a pseudo-terminal and print its port path'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "sandbox" -d 'Run the sandbox network (installer API and OCPP endpoint) on 127.0.0.1'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "login" -d 'Log in to the network\'s installer API; the token is kept in the OS keyring'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "logout" -d 'Forget the installer token (keyring, token file) and the account file'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "whoami" -d 'Who is logged in, at which network, and whether they are certified'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "gps" -d 'Read a GPS position: NMEA receiver, gpsd, photo EXIF or typed'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "photo" -d 'Check a photo for pinpointing (landscape, resolution, upload size, EXIF)'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "pinpoint" -d 'Pinpoint a station outside a session: `pinpoint submit`'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "requirements" -d 'The network\'s requirements for a station model (cached with their age for offline sites)'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "outbox" -d 'Pinpoint submissions waiting for the network, and those it refused'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "sync" -d 'Send the outbox\'s submissions (and their photos), each exactly once'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "replay" -d 'Show a session\'s journal as a timeline: answers, values read, service-port bytes, API calls'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "log" -d 'Session journal tools (`log verify`)'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "export" -d 'Pack a session into one support bundle (.tar.gz), secrets masked (activation password, site access notes)'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "import" -d 'Unpack a support bundle into the data dir (imports/<session id>) and verify it'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "batch" -d 'Scripting many stations at once (`batch pinpoint FILE`)'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "station" -d 'The station over its service port (identity, firmware, state, OCPP settings), and as the network sees it (`station status`)'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "modem" -d 'Check the SIM and the cellular link over AT commands, with a verdict'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "ocpp" -d 'A temporary OCPP 1.6J central system on this laptop (`ocpp probe`): identify and configure a station over OCPP before it is pointed at the network'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "ports" -d 'Serial ports and USB devices, and which vendor profile each matches'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "vendors" -d 'Vendor profiles: list, show, decode an article number'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "rfid" -d 'RFID UIDs: hex, little-endian hex and decimal'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "checklist" -d 'Checklists: list them, show one, or go through one outside a session'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "sticker" -d 'Print the activation sticker: a QR code of the pinpointing URL with the MAC and the activation password beside it, for the terminal or as SVG, PNG, PDF or ZPL files'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "completions" -d 'Print shell completions (bash, zsh, fish, powershell, elvish) or the man page'
complete -c evfield -n "__fish_evfield_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l resume -d 'Continue a session where it stopped (default: the newest unfinished one)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l stations -d 'With --demo: a site of this many simulated stations, one session each after the other (each with its own serial, MAC and journal), then the site\'s table' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l demo-station -d 'Which of a demo site\'s stations this session plays (set by --stations)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l answers -d 'Answers file (TOML, keys in docs/answers.md)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l set -d 'Give any answer as KEY=VALUE (e.g. `--set safety.voltage=0.1`); repeatable' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l token-file -d 'Use the installer token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l gps-port -d 'Serial port of an NMEA 0183 GPS receiver (e.g. /dev/ttyACM0, COM4)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l baud -d 'Speed of the receiver\'s port' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l gpsd -d 'Ask gpsd on this machine (default address 127.0.0.1:2947)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l gps-timeout -d 'How long to wait for a receiver\'s stable position, in seconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l gps-epochs -d 'How many consecutive epochs (1 a second on most receivers) must agree before their mean is taken' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l gps-radius -d 'How far, in metres, each of those epochs may lie from their mean' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l gps-max-hdop -d 'The highest HDOP an epoch may have to count' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l connect-timeout -d 'How long to wait for the network to see the station connected, in seconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l network -d 'Installer API address of the network' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l user -d 'Installer account' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l port -d 'Service port of the station (a device path; a pseudo-terminal path is accepted as given)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l station-address -d 'Network address of a station reached over Modbus TCP, HTTP or UDP (IP or host name, `:PORT` when not the profile\'s usual one)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l vendor -d 'Vendor profile of the station (`evfield vendors list`). With --demo: the demo station to play (evfield-sim, openevse, wallbox, chargestorm-eva)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l before-photo -d 'Photo of the station before any change' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l voltage -d 'Multimeter reading at the supply terminals, volts' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l kit-iccid -d 'ICCID printed on the network\'s SIM card' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l activation-password -d 'Activation password from the network\'s kit (printed on the sticker; not an installer secret)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l ocpp-url -d 'OCPP URL to write (default: from the network\'s requirements)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l charge-box-id -d 'Charge box identity to write (default: the network\'s identity rule)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l gps -d 'GPS position, LAT,LON' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l address-id -d 'Address id from the network\'s list' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l address -d 'Address text that matches exactly one entry of the network\'s list near the GPS fix' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l serial-plate -d 'Serial number as printed on the type plate (compared with the station\'s)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l sticker-photo -d 'Photo of the network kit\'s activation sticker: its QR code gives the activation password (and the MAC, where the session asks for it); shown and confirmed before it is used' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l sim-photo -d 'Photo of the SIM card\'s carrier: its barcode gives the ICCID (shown and confirmed)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l plate-photo -d 'Photo of the type plate: its code gives the serial (shown and confirmed, then compared with the station\'s)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l site -d 'The site the station belongs to (a car park of many stations): its network, account, address, car park, building, floor and restrictions are taken from the site\'s record and what this session answers of them is kept there for the next station' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l pin -d 'Pin on the parking space, LAT,LON (default: the GPS position)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l car-park -d 'Car park name' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l building -d 'Building name' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l floor -d 'Floor' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l restrictions -d 'Parking restrictions' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l photo -d 'Landscape photo of the station and its surroundings' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l phone-camera -d 'At a photo prompt, also take the photo from a phone: a one-time upload page served at this address of the laptop (its Wi-Fi or hotspot address: IP, or IP:PORT), shown as a QR code beside the prompt. `--sticker-photo phone` (and `--sim-photo`, `--plate-photo`) takes that photo with the phone before the session starts' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l demo -d 'Run against the built-in demo: a simulated station on a pseudo-terminal and a sandbox network on 127.0.0.1, with a demo installer and built-in answers when not interactive'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l new -d 'Start a new session even when an unfinished one exists for the same station or port (without a terminal that is refused otherwise; at a terminal it is offered)'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l password-stdin -d 'Read the installer password from standard input (never from the command line). Only needed when no stored token is found (see `evfield login`)'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l token-stdin -d 'Read the installer token from standard input instead of the one `evfield login` kept'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l codes-confirmed -d 'Use the values read from --sticker-photo, --sim-photo and --plate-photo without asking (they are still checked like typed values); needed when nobody can be asked'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand renetwork" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -l site -d 'Only the stations of this site (every state), with the site\'s record' -r
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -l all -d 'Also list finished and abandoned sessions'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -f -a "abandon" -d 'Give up an unfinished session: the reason is journaled, its files are kept for support, and it is never resumed'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and not __fish_seen_subcommand_from abandon help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from abandon" -l reason -d 'Why it is abandoned (asked at a terminal when not given)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from abandon" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from abandon" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from abandon" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from abandon" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from abandon" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from abandon" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from abandon" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from abandon" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from abandon" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from abandon" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "abandon" -d 'Give up an unfinished session: the reason is journaled, its files are kept for support, and it is never resumed'
complete -c evfield -n "__fish_evfield_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l state -d 'State file (JSON): loaded when it exists, written on every change' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l boot-delay-ms -d 'How long a restart keeps the station silent, in milliseconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l fault -d 'Misbehave on the service port, for testing error handling' -r -f -a "silent\t'Never answer'
garbage\t'Answer with random bytes'
slow\t'Answer after a long delay'
unplug\t'Send half a reply, then disappear'
bad-checksum\t'Corrupt the checksum of every reply (RAPI)'
echo\t'Echo every command before the reply'
crc-error\t'Modbus RTU: corrupt the CRC of every reply'
exception\t'Modbus: answer every request with exception 02 (illegal data address)'
wrong-unit\t'Modbus: the station was set to another unit id than its profile\'s'
http-error\t'HTTP: answer every request with 500 Internal Server Error'"
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l fault-after -d 'Answer this many commands normally before the fault starts (a fault mid-session)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l baud -d 'Pace the port\'s bytes as a serial line at this baud rate would (8N1), e.g. 115200' -r
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l slow-ms -d 'How long `--fault slow` waits before each reply, in milliseconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l vendor -d 'Which vendor profile\'s protocol to serve: evfield-sim (default), openevse, generic-modem, chargestorm-eva (on a pseudo-terminal), abb-terra-ac (Modbus RTU on a pseudo-terminal and Modbus TCP), bender-cc613, vestel-evc04, phoenix-ev-charge-control (Modbus TCP), go-e (HTTP) or keba-p30 (UDP), on 127.0.0.1' -r
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l ocpp-version -d 'The OCPP version the station\'s client speaks once it has a URL: 1.6 or 2.0.1' -r
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand sim" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand sim" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand sim" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand sim" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c evfield -n "__fish_evfield_using_subcommand sim" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -l port -d 'Port on 127.0.0.1 (0 picks a free one)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -l state -d 'State file (JSON): loaded when it exists, written on every change' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -l security-profile -d 'OCPP security profile the network asks for in its requirements (1 or 2: stations must present HTTP Basic credentials on the OCPP endpoint)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand sandbox" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand login" -l network -d 'Installer API address of the network (default: the configuration file\'s `network`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand login" -l user -d 'Installer account (default: the configuration file\'s `user`, else asked)' -r
complete -c evfield -n "__fish_evfield_using_subcommand login" -l token-file -d 'Keep the token in this file (created readable by you only) instead of the OS keyring. Without it and without a usable keyring, the token goes to <data dir>/installer-token' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand login" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand login" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand login" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand login" -l password-stdin -d 'Read the password from standard input (never from the command line). Without it the password is asked without echo, or taken from EVFIELD_PASSWORD'
complete -c evfield -n "__fish_evfield_using_subcommand login" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand login" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand login" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand login" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand login" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand login" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand login" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand logout" -l network -d 'Installer API address of the network (default: the configuration file\'s `network`, else the network of the last `evfield login`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand logout" -l user -d 'Installer account (default: the configuration file\'s `user`, else the last login\'s)' -r
complete -c evfield -n "__fish_evfield_using_subcommand logout" -l token-file -d 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand logout" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand logout" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand logout" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand logout" -l token-stdin -d 'Read the token from standard input instead of the one `evfield login` kept'
complete -c evfield -n "__fish_evfield_using_subcommand logout" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand logout" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand logout" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand logout" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand logout" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand logout" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand logout" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -l network -d 'Installer API address of the network (default: the configuration file\'s `network`, else the network of the last `evfield login`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -l user -d 'Installer account (default: the configuration file\'s `user`, else the last login\'s)' -r
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -l token-file -d 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -l token-stdin -d 'Read the token from standard input instead of the one `evfield login` kept'
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand whoami" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -f -a "read" -d 'Wait for a fix and show it: position, quality, satellites, HDOP and age'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and not __fish_seen_subcommand_from read help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l gps-port -d 'Serial port of an NMEA 0183 GPS receiver (e.g. /dev/ttyACM0, COM4)' -r
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l baud -d 'Speed of the receiver\'s port' -r
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l gpsd -d 'Ask gpsd on this machine (default address 127.0.0.1:2947)' -r
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l gps-timeout -d 'How long to wait for a receiver\'s stable position, in seconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l gps-epochs -d 'How many consecutive epochs (1 a second on most receivers) must agree before their mean is taken' -r
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l gps-radius -d 'How far, in metres, each of those epochs may lie from their mean' -r
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l gps-max-hdop -d 'The highest HDOP an epoch may have to count' -r
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l gps-photo -d 'Take the position from this photo\'s EXIF GPS block' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l gps -d 'The position typed by hand: LAT,LON in decimal degrees or degrees and minutes' -r
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from read" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from help" -f -a "read" -d 'Wait for a fix and show it: position, quality, satellites, HDOP and age'
complete -c evfield -n "__fish_evfield_using_subcommand gps; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -f -a "check" -d 'Check a photo: decodes completely, landscape after the EXIF orientation, minimum resolution, upload size; shows its EXIF time and GPS position'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -f -a "codes" -d 'List the codes in a photo (QR, DataMatrix, Code 128 and other barcodes) and what each is: an activation sticker (MAC and password, never shown), an ICCID, a MAC, or text'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -f -a "receive" -d 'Take one photo from a phone: serve a one-time upload page at ADDR (its URL and QR code are shown), wait for the first upload that passes the photo checks, and write it to FILE unchanged (EXIF kept)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and not __fish_seen_subcommand_from check codes receive help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from check" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from check" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from check" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from check" -l before -d 'Check it as the photo before work (any orientation) instead of the pinpoint photo'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from check" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from check" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from check" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from codes" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from codes" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from codes" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from codes" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from codes" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from codes" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from codes" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from codes" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from codes" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from codes" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -l bind -d 'The laptop\'s address on the phone\'s network: IP (any free port) or IP:PORT' -r
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -l out -d 'Where to write the photo (atomically; its folder must exist)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -l timeout -d 'Give up after this many seconds without an accepted photo' -r
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -l before -d 'Check it as the photo before work (any orientation) instead of the pinpoint photo'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from receive" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check a photo: decodes completely, landscape after the EXIF orientation, minimum resolution, upload size; shows its EXIF time and GPS position'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from help" -f -a "codes" -d 'List the codes in a photo (QR, DataMatrix, Code 128 and other barcodes) and what each is: an activation sticker (MAC and password, never shown), an ICCID, a MAC, or text'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from help" -f -a "receive" -d 'Take one photo from a phone: serve a one-time upload page at ADDR (its URL and QR code are shown), wait for the first upload that passes the photo checks, and write it to FILE unchanged (EXIF kept)'
complete -c evfield -n "__fish_evfield_using_subcommand photo; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -f -a "submit" -d 'Submit a station\'s identity and place to the network, exactly once (queued in the outbox when the network cannot be reached)'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and not __fish_seen_subcommand_from submit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l from -d 'Read the values from a TOML file (keys as the flags, with `_`: `mac`, `serial_again`, ...); flags override it' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l mac -d 'MAC from the activation sticker, in any common notation' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l activation-password -d 'Activation password from the sticker (printed on it; not an installer secret)' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l manufacturer -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l model -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l serial -d 'Serial number from the manufacturer\'s type plate' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l serial-again -d 'The serial typed a second time (no station read exists outside a session)' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l firmware -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l charge-box-id -d 'Charge box identity (default: the network\'s identity rule applied)' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l gps -d 'Where you stand: LAT,LON in decimal degrees or degrees and minutes' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l address-id -d 'Address id from the network\'s list' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l address -d 'Address text that must match exactly one entry of the network\'s list near the GPS fix' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l pin -d 'Pin on the parking space, LAT,LON (default: the GPS fix)' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l car-park -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l building -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l floor -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l restrictions -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l photo -d 'Landscape photo of the station and its surroundings (JPEG or PNG)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l gps-port -d 'Serial port of an NMEA 0183 GPS receiver (e.g. /dev/ttyACM0, COM4)' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l baud -d 'Speed of the receiver\'s port' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l gpsd -d 'Ask gpsd on this machine (default address 127.0.0.1:2947)' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l gps-timeout -d 'How long to wait for a receiver\'s stable position, in seconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l gps-epochs -d 'How many consecutive epochs (1 a second on most receivers) must agree before their mean is taken' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l gps-radius -d 'How far, in metres, each of those epochs may lie from their mean' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l gps-max-hdop -d 'The highest HDOP an epoch may have to count' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l network -d 'Installer API address of the network (default: the configuration file\'s `network`, else the network of the last `evfield login`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l user -d 'Installer account (default: the configuration file\'s `user`, else the last login\'s)' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l token-file -d 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l confirm-serial -d 'Confirm the serial was checked against the type plate: it cannot be changed after submission'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l confirm-pin-distance -d 'Confirm a pin more than 150 m from the chosen address'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l queue -d 'Do not wait for the network: put the submission in the outbox for `evfield sync`'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l token-stdin -d 'Read the token from standard input instead of the one `evfield login` kept'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from submit" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from help" -f -a "submit" -d 'Submit a station\'s identity and place to the network, exactly once (queued in the outbox when the network cannot be reached)'
complete -c evfield -n "__fish_evfield_using_subcommand pinpoint; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l manufacturer -d 'Manufacturer as on the type plate (without it, the cached requirements are listed)' -r
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l model -d 'Model as on the type plate' -r
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l network -d 'Installer API address of the network (default: the configuration file\'s `network`, else the network of the last `evfield login`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l user -d 'Installer account (default: the configuration file\'s `user`, else the last login\'s)' -r
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l token-file -d 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l offline -d 'Do not ask the network; show what the cache holds'
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l token-stdin -d 'Read the token from standard input instead of the one `evfield login` kept'
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand requirements" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List the submissions waiting to be sent, and those the network refused (with the reason)'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from list" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from list" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from list" -l all -d 'Also list the submissions already accepted'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from list" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from list" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the submissions waiting to be sent, and those the network refused (with the reason)'
complete -c evfield -n "__fish_evfield_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l wait -d 'Keep trying while the network is unreachable or busy, for at most this many seconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l network -d 'Installer API address of the network (default: the configuration file\'s `network`, else the network of the last `evfield login`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l user -d 'Installer account (default: the configuration file\'s `user`, else the last login\'s)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l token-file -d 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l retry-failed -d 'Send refused entries again too (after their cause was fixed, e.g. a certification)'
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l token-stdin -d 'Read the token from standard input instead of the one `evfield login` kept'
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand sync" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand sync" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand sync" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand sync" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand sync" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l phase -d 'Only these phases (account, precheck, before, sim, commission, labels, pinpoint, verify, session); repeatable or comma-separated' -r
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l kind -d 'Only these kinds of event (answer, fact, traffic, api_call, step_failed, ...; aliases api, asked, read, port); repeatable or comma-separated' -r
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l since -d 'Only events from this time on: RFC 3339, a UTC clock time (10:15, 10:15:30), or an offset from the session\'s start (+90s, +2m, +1h30m)' -r
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l grep -d 'Only events whose text matches this regular expression (`(?i)` for any case)' -r
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l speed -d 'With --play: faster (2) or slower (0.5) than it happened' -r
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l max-gap -d 'With --play: the longest pause between two chunks, in seconds (before --speed)' -r
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand replay" -s f -l follow -d 'Keep waiting for new events of a running session; ends at `session_done` or Ctrl-C'
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l play -d 'Re-show only the service-port traffic, with its original timing'
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand replay" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand replay" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand replay" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand replay" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand replay" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -f -a "verify" -d 'Check a journal\'s schema and hash chain and name the first bad event. Exit code 0: valid, 6: damaged or tampered (incl. a cut-short last line), 8: unreadable or not a journal'
complete -c evfield -n "__fish_evfield_using_subcommand log; and not __fish_seen_subcommand_from verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -l network -d 'Installer API address of the network (default: the configuration file\'s `network`, else the network of the last `evfield login`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -l user -d 'Installer account (default: the configuration file\'s `user`, else the last login\'s)' -r
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -l token-file -d 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -l against-network -d 'Also compare it with the chain heads the network recorded for the session (sent with the pinpoint submission and at the end of the session): any difference, or no record at all, is a failure (exit code 6)'
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -l token-stdin -d 'Read the token from standard input instead of the one `evfield login` kept'
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a journal\'s schema and hash chain and name the first bad event. Exit code 0: valid, 6: damaged or tampered (incl. a cut-short last line), 8: unreadable or not a journal'
complete -c evfield -n "__fish_evfield_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand export" -l site -d 'Export every station\'s session of this site in one bundle (docs/sites.md), instead of one session' -r
complete -c evfield -n "__fish_evfield_using_subcommand export" -s o -l output -d 'Where to write the bundle (default: evfield-<session id>.tar.gz, or evfield-site-<site>.tar.gz, in the current folder)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand export" -l mask -d 'Also mask the answers of this key (e.g. pinpoint.restrictions); repeatable. The activation password and the site access notes are always masked' -r
complete -c evfield -n "__fish_evfield_using_subcommand export" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand export" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand export" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand export" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand export" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand export" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand export" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand export" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand export" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand export" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand import" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand import" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand import" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand import" -l force -d 'Replace an earlier import of the same session from another bundle'
complete -c evfield -n "__fish_evfield_using_subcommand import" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand import" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand import" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand import" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand import" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand import" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand import" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -f -a "pinpoint" -d 'Pinpoint many stations from a CSV or JSON Lines file, one station a row (columns in docs/batch.md). Every row is checked first; a rerun sends only rows not yet accepted'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and not __fish_seen_subcommand_from pinpoint help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l format -d 'The file\'s format (default: from its extension, else its first character)' -r -f -a "csv\t''
jsonl\t''"
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l network -d 'Installer API address of the network (default: the configuration file\'s `network`, else the network of the last `evfield login`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l user -d 'Installer account (default: the configuration file\'s `user`, else the last login\'s). Its token is the one `evfield login` kept; without one, the password (from --password-stdin or EVFIELD_PASSWORD) logs in for this run' -r
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l token-file -d 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -s j -l jobs -d 'Submissions in flight at once (1 to 64)' -r
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l rate -d 'Submissions started per second at most (0: no limit)' -r
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l state -d 'Run-state file (default: <data dir>/batch/<file name>-<hash of its path>.state.jsonl)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l attempts -d 'Attempts per submission, the first included' -r
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l retry-delay -d 'Delay before the first retry (doubles each time), in milliseconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l max-retry-delay -d 'Longest delay between two attempts (Retry-After included), in milliseconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l timeout -d 'Time limit of one attempt, in seconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l check -d 'Only check the rows (locally, nothing is sent)'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l password-stdin -d 'Read the installer password from standard input (never from the command line)'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l token-stdin -d 'Read the token from standard input instead of the one `evfield login` kept'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from pinpoint" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "pinpoint" -d 'Pinpoint many stations from a CSV or JSON Lines file, one station a row (columns in docs/batch.md). Every row is checked first; a rerun sends only rows not yet accepted'
complete -c evfield -n "__fish_evfield_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -f -a "info" -d 'Identity, firmware against the manufacturer\'s minimum, state, OCPP settings and errors'
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -f -a "ocpp" -d 'Read or write the station\'s OCPP settings'
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -f -a "status" -d 'The station\'s OCPP connection as the network sees it: connecting, connected or error'
complete -c evfield -n "__fish_evfield_using_subcommand station; and not __fish_seen_subcommand_from info ocpp status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -l port -d 'Service port (a device path; a pseudo-terminal path is accepted as given). Default: the remembered port, or the one port whose USB id a profile knows (`evfield ports`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -l address -d 'The station\'s network address, for stations reached over Modbus TCP, HTTP or UDP on their service Ethernet port or Wi-Fi: IP or host name, with `:PORT` when it is not the profile\'s usual one. For Modbus profiles it chooses Modbus TCP over RTU' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -l unit-id -d 'Modbus unit id (slave address) when the station does not use its profile\'s' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -l vendor -d 'Vendor profile id (`evfield vendors list`). Default: the profile whose USB id matches the port' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -l given -d 'A value the station cannot report over its port, as VAR=VALUE (e.g. `--given mac=24:0A:C4:11:22:33` for OpenEVSE); repeatable' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -f -a "get" -d 'Read the OCPP settings'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -f -a "set" -d 'Lint, write, read back and compare the OCPP settings, then restart when the profile says so'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from ocpp" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l mac -d 'Find the station by its MAC (any notation)' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l wait -d 'Poll until the station is connected, for at most this many seconds (0: look once)' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l network -d 'Installer API address of the network (default: the configuration file\'s `network`, else the network of the last `evfield login`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l user -d 'Installer account (default: the configuration file\'s `user`, else the last login\'s)' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l token-file -d 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l token-stdin -d 'Read the token from standard input instead of the one `evfield login` kept'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from help" -f -a "info" -d 'Identity, firmware against the manufacturer\'s minimum, state, OCPP settings and errors'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from help" -f -a "ocpp" -d 'Read or write the station\'s OCPP settings'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from help" -f -a "status" -d 'The station\'s OCPP connection as the network sees it: connecting, connected or error'
complete -c evfield -n "__fish_evfield_using_subcommand station; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -f -a "check" -d 'PIN state, ICCID (Luhn-checked), registration, signal (dBm and bars), operator, APN and the next thing to try. `--vendor` defaults to `generic-modem` (the modem\'s own AT port)'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and not __fish_seen_subcommand_from check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l port -d 'Service port (a device path; a pseudo-terminal path is accepted as given). Default: the remembered port, or the one port whose USB id a profile knows (`evfield ports`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l address -d 'The station\'s network address, for stations reached over Modbus TCP, HTTP or UDP on their service Ethernet port or Wi-Fi: IP or host name, with `:PORT` when it is not the profile\'s usual one. For Modbus profiles it chooses Modbus TCP over RTU' -r
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l unit-id -d 'Modbus unit id (slave address) when the station does not use its profile\'s' -r
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l vendor -d 'Vendor profile id (`evfield vendors list`). Default: the profile whose USB id matches the port' -r
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l given -d 'A value the station cannot report over its port, as VAR=VALUE (e.g. `--given mac=24:0A:C4:11:22:33` for OpenEVSE); repeatable' -r
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l apn -d 'The network\'s APN: a different or missing APN in context 1 is reported' -r
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l set-apn -d 'Set this APN in context 1 before checking (`AT+CGDCONT=1,"IP","APN"`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from help" -f -a "check" -d 'PIN state, ICCID (Luhn-checked), registration, signal (dBm and bars), operator, APN and the next thing to try. `--vendor` defaults to `generic-modem` (the modem\'s own AT port)'
complete -c evfield -n "__fish_evfield_using_subcommand modem; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -f -a "probe" -d 'Run a temporary OCPP central system (1.6J or 2.0.1) on this laptop: wait for the station, read its BootNotification and configuration, change settings and reset it if asked, and print its identity and configuration'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and not __fish_seen_subcommand_from probe help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l bind -d 'Where to listen, IP:PORT: the laptop\'s address on the station\'s network, or 0.0.0.0 for all interfaces (PORT 0 lets the system choose). Point the station at ws://IP:PORT/' -r
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l wait -d 'How long to wait for the station to connect, in seconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l boot-wait -d 'How long to wait for its BootNotification once connected, in seconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l call-timeout -d 'How long the station has to answer each call, in seconds' -r
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l key -d 'Read this 1.6 key or 2.0.1 Component.Variable only (repeatable; default: all)' -r
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l set -d 'Change KEY=VALUE (1.6 ChangeConfiguration, 2.0.1 SetVariables), then read it back (repeatable, in order)' -r
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l reset -d 'Reset the station afterwards and wait for it to boot again' -r -f -a "soft\t'OCPP 1.6 Soft; sent to an OCPP 2.0.1 station as OnIdle'
hard\t'OCPP 1.6 Hard; sent to an OCPP 2.0.1 station as Immediate'
immediate\t'OCPP 2.0.1 Immediate; sent to an OCPP 1.6 station as Hard'
on-idle\t'OCPP 2.0.1 OnIdle; sent to an OCPP 1.6 station as Soft'"
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l ocpp-version -d 'The OCPP version to speak: 1.6 (subprotocol ocpp1.6), 2.0.1 (ocpp2.0.1), or auto' -r -f -a "auto\t'Whichever the station offers; 2.0.1 first for Component.Variable names'
1.6\t''
2.0.1\t''"
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from probe" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from help" -f -a "probe" -d 'Run a temporary OCPP central system (1.6J or 2.0.1) on this laptop: wait for the station, read its BootNotification and configuration, change settings and reset it if asked, and print its identity and configuration'
complete -c evfield -n "__fish_evfield_using_subcommand ocpp; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand ports" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand ports" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand ports" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand ports" -l usb -d 'Also list every USB device, not only serial ports'
complete -c evfield -n "__fish_evfield_using_subcommand ports" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand ports" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand ports" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand ports" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand ports" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand ports" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand ports" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -f -a "list" -d 'The vendor profiles: built in and from the user\'s folder'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -f -a "show" -d 'One profile in full: models, minimum firmware, service port, steps'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -f -a "decode" -d 'Decode an article number (e.g. Wallbox `PLP1-0-2-4-9-002`) and say whether OCPP is fitted'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and not __fish_seen_subcommand_from list show decode help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from list" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from list" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from list" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from list" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from show" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from show" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from show" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from show" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from decode" -l vendor -d 'Vendor profile id (default: every profile with article numbers is tried)' -r
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from decode" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from decode" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from decode" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from decode" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from decode" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from decode" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from decode" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from decode" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from decode" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from decode" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from help" -f -a "list" -d 'The vendor profiles: built in and from the user\'s folder'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from help" -f -a "show" -d 'One profile in full: models, minimum firmware, service port, steps'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from help" -f -a "decode" -d 'Decode an article number (e.g. Wallbox `PLP1-0-2-4-9-002`) and say whether OCPP is fitted'
complete -c evfield -n "__fish_evfield_using_subcommand vendors; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -f -a "convert" -d 'Show a UID as hex, little-endian hex and decimal'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and not __fish_seen_subcommand_from convert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from convert" -l from -d 'How the UID is written' -r -f -a "hex\t'Hex as the reader shows it, most significant byte first (`04:A2:2B:1A`)'
le-hex\t'Little-endian hex without separators (Wallbox\'s whitelist form)'
decimal\t'Decimal (the ChargeStorm/CTEK Charge Portal\'s form)'"
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from convert" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from convert" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from convert" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from convert" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from convert" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from convert" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from convert" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from convert" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from convert" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from help" -f -a "convert" -d 'Show a UID as hex, little-endian hex and decimal'
complete -c evfield -n "__fish_evfield_using_subcommand rfid; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -f -a "list" -d 'List the checklists in use (built-in, or replaced and added from the config dir)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -f -a "show" -d 'Show one checklist\'s items, their evidence and their answers keys'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -f -a "run" -d 'Go through one checklist: at the terminal, or answered by --set and --answers'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and not __fish_seen_subcommand_from list show run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -l manufacturer -d 'Only the checklists that apply to this manufacturer\'s stations (with --model: that model)' -r
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -l model -r
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from show" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from show" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from show" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from show" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -l set -d 'Answer an item as KEY=VALUE (e.g. `--set safety.voltage=0.1`); repeatable' -r
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -l answers -d 'Answers file (TOML, as for `renetwork`; docs/answers.md)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the checklists in use (built-in, or replaced and added from the config dir)'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one checklist\'s items, their evidence and their answers keys'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from help" -f -a "run" -d 'Go through one checklist: at the terminal, or answered by --set and --answers'
complete -c evfield -n "__fish_evfield_using_subcommand checklist; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l mac -d 'The station\'s MAC, as printed on the sticker (default with --session: read from the station)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l password -d 'The activation password from the network\'s kit (printed on the sticker; not a secret of the installer)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l template -d 'The network\'s pinpointing URL template with {mac} and {password} (its requirements\' `pinpoint_url_template`)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l session -d 'Take the template, MAC and password from a session\'s journal (default: the newest session), e.g. to print a lost sticker again' -r
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -s o -l out -d 'Write a file; the format comes from the extension (.svg, .png, .pdf, .zpl, .txt). Repeatable' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l format -d 'Format printed on stdout when no --out is given (default: terminal; ascii when stdout is not a terminal)' -r -f -a "terminal\t'Unicode half blocks with explicit black-on-white colours (terminal)'
ascii\t'Plain ASCII, one character a module (terminal without Unicode, logs)'
svg\t''
png\t''
pdf\t''
zpl\t''"
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l stock -d 'Label stock (see --list-stock)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l dpi -d 'Dots per inch of the printer: PNG and ZPL are drawn in its dots, PDF modules are whole dots of it (Zebra printheads: 203, 300, 600)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l ecc -d 'QR error correction: L 7 %, M 15 %, Q 25 %, H 30 % of the code may be lost' -r -f -a "l\t''
m\t''
q\t''
h\t''"
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l list-stock -d 'List the label stocks and exit'
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c evfield -n "__fish_evfield_using_subcommand sticker" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand completions" -l lang -d 'Language of messages: en, nb, sv or da (default: from the locale, else en)' -r
complete -c evfield -n "__fish_evfield_using_subcommand completions" -l config -d 'Configuration file (default: the user\'s config dir, evfield/config.toml, when present)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand completions" -l data-dir -d 'Where sessions are kept (default: the platform\'s data dir, e.g. ~/.local/share/evfield)' -r -F
complete -c evfield -n "__fish_evfield_using_subcommand completions" -l json -d 'Print the result as one JSON document (errors as JSON on stderr)'
complete -c evfield -n "__fish_evfield_using_subcommand completions" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c evfield -n "__fish_evfield_using_subcommand completions" -s q -l quiet -d 'Only errors and the result'
complete -c evfield -n "__fish_evfield_using_subcommand completions" -l non-interactive -d 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
complete -c evfield -n "__fish_evfield_using_subcommand completions" -l experimental -d 'Also run a station\'s service-port protocol that no source documents (evfield\'s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
complete -c evfield -n "__fish_evfield_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c evfield -n "__fish_evfield_using_subcommand completions" -s V -l version -d 'Print version'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "renetwork" -d 'Guided re-networking of one station, from the pre-check to a verified, pinpointed station'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "sessions" -d 'List sessions and their state (in progress at step X, failed, done, abandoned); `sessions abandon ID` gives one up'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "sim" -d 'Run a simulated station on a pseudo-terminal and print its port path'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "sandbox" -d 'Run the sandbox network (installer API and OCPP endpoint) on 127.0.0.1'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "login" -d 'Log in to the network\'s installer API; the token is kept in the OS keyring'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "logout" -d 'Forget the installer token (keyring, token file) and the account file'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "whoami" -d 'Who is logged in, at which network, and whether they are certified'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "gps" -d 'Read a GPS position: NMEA receiver, gpsd, photo EXIF or typed'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "photo" -d 'Check a photo for pinpointing (landscape, resolution, upload size, EXIF)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "pinpoint" -d 'Pinpoint a station outside a session: `pinpoint submit`'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "requirements" -d 'The network\'s requirements for a station model (cached with their age for offline sites)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "outbox" -d 'Pinpoint submissions waiting for the network, and those it refused'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "sync" -d 'Send the outbox\'s submissions (and their photos), each exactly once'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "replay" -d 'Show a session\'s journal as a timeline: answers, values read, service-port bytes, API calls'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "log" -d 'Session journal tools (`log verify`)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "export" -d 'Pack a session into one support bundle (.tar.gz), secrets masked (activation password, site access notes)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "import" -d 'Unpack a support bundle into the data dir (imports/<session id>) and verify it'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "batch" -d 'Scripting many stations at once (`batch pinpoint FILE`)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "station" -d 'The station over its service port (identity, firmware, state, OCPP settings), and as the network sees it (`station status`)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "modem" -d 'Check the SIM and the cellular link over AT commands, with a verdict'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "ocpp" -d 'A temporary OCPP 1.6J central system on this laptop (`ocpp probe`): identify and configure a station over OCPP before it is pointed at the network'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "ports" -d 'Serial ports and USB devices, and which vendor profile each matches'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "vendors" -d 'Vendor profiles: list, show, decode an article number'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "rfid" -d 'RFID UIDs: hex, little-endian hex and decimal'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "checklist" -d 'Checklists: list them, show one, or go through one outside a session'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "sticker" -d 'Print the activation sticker: a QR code of the pinpointing URL with the MAC and the activation password beside it, for the terminal or as SVG, PNG, PDF or ZPL files'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "completions" -d 'Print shell completions (bash, zsh, fish, powershell, elvish) or the man page'
complete -c evfield -n "__fish_evfield_using_subcommand help; and not __fish_seen_subcommand_from renetwork sessions sim sandbox login logout whoami gps photo pinpoint requirements outbox sync replay log export import batch station modem ocpp ports vendors rfid checklist sticker completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "abandon" -d 'Give up an unfinished session: the reason is journaled, its files are kept for support, and it is never resumed'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from gps" -f -a "read" -d 'Wait for a fix and show it: position, quality, satellites, HDOP and age'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from photo" -f -a "check" -d 'Check a photo: decodes completely, landscape after the EXIF orientation, minimum resolution, upload size; shows its EXIF time and GPS position'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from photo" -f -a "codes" -d 'List the codes in a photo (QR, DataMatrix, Code 128 and other barcodes) and what each is: an activation sticker (MAC and password, never shown), an ICCID, a MAC, or text'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from photo" -f -a "receive" -d 'Take one photo from a phone: serve a one-time upload page at ADDR (its URL and QR code are shown), wait for the first upload that passes the photo checks, and write it to FILE unchanged (EXIF kept)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from pinpoint" -f -a "submit" -d 'Submit a station\'s identity and place to the network, exactly once (queued in the outbox when the network cannot be reached)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from outbox" -f -a "list" -d 'List the submissions waiting to be sent, and those the network refused (with the reason)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "verify" -d 'Check a journal\'s schema and hash chain and name the first bad event. Exit code 0: valid, 6: damaged or tampered (incl. a cut-short last line), 8: unreadable or not a journal'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "pinpoint" -d 'Pinpoint many stations from a CSV or JSON Lines file, one station a row (columns in docs/batch.md). Every row is checked first; a rerun sends only rows not yet accepted'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from station" -f -a "info" -d 'Identity, firmware against the manufacturer\'s minimum, state, OCPP settings and errors'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from station" -f -a "ocpp" -d 'Read or write the station\'s OCPP settings'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from station" -f -a "status" -d 'The station\'s OCPP connection as the network sees it: connecting, connected or error'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from modem" -f -a "check" -d 'PIN state, ICCID (Luhn-checked), registration, signal (dBm and bars), operator, APN and the next thing to try. `--vendor` defaults to `generic-modem` (the modem\'s own AT port)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from ocpp" -f -a "probe" -d 'Run a temporary OCPP central system (1.6J or 2.0.1) on this laptop: wait for the station, read its BootNotification and configuration, change settings and reset it if asked, and print its identity and configuration'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from vendors" -f -a "list" -d 'The vendor profiles: built in and from the user\'s folder'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from vendors" -f -a "show" -d 'One profile in full: models, minimum firmware, service port, steps'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from vendors" -f -a "decode" -d 'Decode an article number (e.g. Wallbox `PLP1-0-2-4-9-002`) and say whether OCPP is fitted'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from rfid" -f -a "convert" -d 'Show a UID as hex, little-endian hex and decimal'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from checklist" -f -a "list" -d 'List the checklists in use (built-in, or replaced and added from the config dir)'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from checklist" -f -a "show" -d 'Show one checklist\'s items, their evidence and their answers keys'
complete -c evfield -n "__fish_evfield_using_subcommand help; and __fish_seen_subcommand_from checklist" -f -a "run" -d 'Go through one checklist: at the terminal, or answered by --set and --answers'

# evfield: live port names after --port (evfield __complete-ports).
complete -c evfield -n "not __fish_seen_subcommand_from sandbox" -l port -f -a "(evfield __complete-ports 2>/dev/null)"
