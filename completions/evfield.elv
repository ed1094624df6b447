
use builtin;
use str;

set edit:completion:arg-completer[evfield] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'evfield'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'evfield'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand renetwork 'Guided re-networking of one station, from the pre-check to a verified, pinpointed station'
            cand sessions 'List sessions and their state (in progress at step X, failed, done, abandoned); `sessions abandon ID` gives one up'
            cand sim 'Run a simulated station on a pseudo-terminal and print its port path'
            cand sandbox 'Run the sandbox network (installer API and OCPP endpoint) on 127.0.0.1'
            cand login 'Log in to the network''s installer API; the token is kept in the OS keyring'
            cand logout 'Forget the installer token (keyring, token file) and the account file'
            cand whoami 'Who is logged in, at which network, and whether they are certified'
            cand gps 'Read a GPS position: NMEA receiver, gpsd, photo EXIF or typed'
            cand photo 'Check a photo for pinpointing (landscape, resolution, upload size, EXIF)'
            cand pinpoint 'Pinpoint a station outside a session: `pinpoint submit`'
            cand requirements 'The network''s requirements for a station model (cached with their age for offline sites)'
            cand outbox 'Pinpoint submissions waiting for the network, and those it refused'
            cand sync 'Send the outbox''s submissions (and their photos), each exactly once'
            cand replay 'Show a session''s journal as a timeline: answers, values read, service-port bytes, API calls'
            cand log 'Session journal tools (`log verify`)'
            cand export 'Pack a session into one support bundle (.tar.gz), secrets masked (activation password, site access notes)'
            cand import 'Unpack a support bundle into the data dir (imports/<session id>) and verify it'
            cand batch 'Scripting many stations at once (`batch pinpoint FILE`)'
            cand station 'The station over its service port (identity, firmware, state, OCPP settings), and as the network sees it (`station status`)'
            cand modem 'Check the SIM and the cellular link over AT commands, with a verdict'
            cand ocpp 'A temporary OCPP 1.6J central system on this laptop (`ocpp probe`): identify and configure a station over OCPP before it is pointed at the network'
            cand ports 'Serial ports and USB devices, and which vendor profile each matches'
            cand vendors 'Vendor profiles: list, show, decode an article number'
            cand rfid 'RFID UIDs: hex, little-endian hex and decimal'
            cand checklist 'Checklists: list them, show one, or go through one outside a session'
            cand sticker 'Print the activation sticker: a QR code of the pinpointing URL with the MAC and the activation password beside it, for the terminal or as SVG, PNG, PDF or ZPL files'
            cand completions 'Print shell completions (bash, zsh, fish, powershell, elvish) or the man page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;renetwork'= {
            cand --resume 'Continue a session where it stopped (default: the newest unfinished one)'
            cand --stations 'With --demo: a site of this many simulated stations, one session each after the other (each with its own serial, MAC and journal), then the site''s table'
            cand --demo-station 'Which of a demo site''s stations this session plays (set by --stations)'
            cand --answers 'Answers file (TOML, keys in docs/answers.md)'
            cand --set 'Give any answer as KEY=VALUE (e.g. `--set safety.voltage=0.1`); repeatable'
            cand --token-file 'Use the installer token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read'
            cand --gps-port 'Serial port of an NMEA 0183 GPS receiver (e.g. /dev/ttyACM0, COM4)'
            cand --baud 'Speed of the receiver''s port'
            cand --gpsd 'Ask gpsd on this machine (default address 127.0.0.1:2947)'
            cand --gps-timeout 'How long to wait for a receiver''s stable position, in seconds'
            cand --gps-epochs 'How many consecutive epochs (1 a second on most receivers) must agree before their mean is taken'
            cand --gps-radius 'How far, in metres, each of those epochs may lie from their mean'
            cand --gps-max-hdop 'The highest HDOP an epoch may have to count'
            cand --connect-timeout 'How long to wait for the network to see the station connected, in seconds'
            cand --network 'Installer API address of the network'
            cand --user 'Installer account'
            cand --port 'Service port of the station (a device path; a pseudo-terminal path is accepted as given)'
            cand --station-address 'Network address of a station reached over Modbus TCP, HTTP or UDP (IP or host name, `:PORT` when not the profile''s usual one)'
            cand --vendor 'Vendor profile of the station (`evfield vendors list`). With --demo: the demo station to play (evfield-sim, openevse, wallbox, chargestorm-eva)'
            cand --before-photo 'Photo of the station before any change'
            cand --voltage 'Multimeter reading at the supply terminals, volts'
            cand --kit-iccid 'ICCID printed on the network''s SIM card'
            cand --activation-password 'Activation password from the network''s kit (printed on the sticker; not an installer secret)'
            cand --ocpp-url 'OCPP URL to write (default: from the network''s requirements)'
            cand --charge-box-id 'Charge box identity to write (default: the network''s identity rule)'
            cand --gps 'GPS position, LAT,LON'
            cand --address-id 'Address id from the network''s list'
            cand --address 'Address text that matches exactly one entry of the network''s list near the GPS fix'
            cand --serial-plate 'Serial number as printed on the type plate (compared with the station''s)'
            cand --sticker-photo 'Photo of the network kit''s activation sticker: its QR code gives the activation password (and the MAC, where the session asks for it); shown and confirmed before it is used'
            cand --sim-photo 'Photo of the SIM card''s carrier: its barcode gives the ICCID (shown and confirmed)'
            cand --plate-photo 'Photo of the type plate: its code gives the serial (shown and confirmed, then compared with the station''s)'
            cand --site 'The site the station belongs to (a car park of many stations): its network, account, address, car park, building, floor and restrictions are taken from the site''s record and what this session answers of them is kept there for the next station'
            cand --pin 'Pin on the parking space, LAT,LON (default: the GPS position)'
            cand --car-park 'Car park name'
            cand --building 'Building name'
            cand --floor 'Floor'
            cand --restrictions 'Parking restrictions'
            cand --photo 'Landscape photo of the station and its surroundings'
            cand --phone-camera 'At a photo prompt, also take the photo from a phone: a one-time upload page served at this address of the laptop (its Wi-Fi or hotspot address: IP, or IP:PORT), shown as a QR code beside the prompt. `--sticker-photo phone` (and `--sim-photo`, `--plate-photo`) takes that photo with the phone before the session starts'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --demo 'Run against the built-in demo: a simulated station on a pseudo-terminal and a sandbox network on 127.0.0.1, with a demo installer and built-in answers when not interactive'
            cand --new 'Start a new session even when an unfinished one exists for the same station or port (without a terminal that is refused otherwise; at a terminal it is offered)'
            cand --password-stdin 'Read the installer password from standard input (never from the command line). Only needed when no stored token is found (see `evfield login`)'
            cand --token-stdin 'Read the installer token from standard input instead of the one `evfield login` kept'
            cand --codes-confirmed 'Use the values read from --sticker-photo, --sim-photo and --plate-photo without asking (they are still checked like typed values); needed when nobody can be asked'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;sessions'= {
            cand --site 'Only the stations of this site (every state), with the site''s record'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --all 'Also list finished and abandoned sessions'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand abandon 'Give up an unfinished session: the reason is journaled, its files are kept for support, and it is never resumed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;sessions;abandon'= {
            cand --reason 'Why it is abandoned (asked at a terminal when not given)'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;sessions;help'= {
            cand abandon 'Give up an unfinished session: the reason is journaled, its files are kept for support, and it is never resumed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;sessions;help;abandon'= {
        }
        &'evfield;sessions;help;help'= {
        }
        &'evfield;sim'= {
            cand --state 'State file (JSON): loaded when it exists, written on every change'
            cand --boot-delay-ms 'How long a restart keeps the station silent, in milliseconds'
            cand --fault 'Misbehave on the service port, for testing error handling'
            cand --fault-after 'Answer this many commands normally before the fault starts (a fault mid-session)'
            cand --baud 'Pace the port''s bytes as a serial line at this baud rate would (8N1), e.g. 115200'
            cand --slow-ms 'How long `--fault slow` waits before each reply, in milliseconds'
            cand --vendor 'Which vendor profile''s protocol to serve: evfield-sim (default), openevse, generic-modem, chargestorm-eva (on a pseudo-terminal), abb-terra-ac (Modbus RTU on a pseudo-terminal and Modbus TCP), bender-cc613, vestel-evc04, phoenix-ev-charge-control (Modbus TCP), go-e (HTTP) or keba-p30 (UDP), on 127.0.0.1'
            cand --ocpp-version 'The OCPP version the station''s client speaks once it has a URL: 1.6 or 2.0.1'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;sandbox'= {
            cand --port 'Port on 127.0.0.1 (0 picks a free one)'
            cand --state 'State file (JSON): loaded when it exists, written on every change'
            cand --security-profile 'OCPP security profile the network asks for in its requirements (1 or 2: stations must present HTTP Basic credentials on the OCPP endpoint)'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;login'= {
            cand --network 'Installer API address of the network (default: the configuration file''s `network`)'
            cand --user 'Installer account (default: the configuration file''s `user`, else asked)'
            cand --token-file 'Keep the token in this file (created readable by you only) instead of the OS keyring. Without it and without a usable keyring, the token goes to <data dir>/installer-token'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --password-stdin 'Read the password from standard input (never from the command line). Without it the password is asked without echo, or taken from EVFIELD_PASSWORD'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;logout'= {
            cand --network 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)'
            cand --user 'Installer account (default: the configuration file''s `user`, else the last login''s)'
            cand --token-file 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --token-stdin 'Read the token from standard input instead of the one `evfield login` kept'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;whoami'= {
            cand --network 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)'
            cand --user 'Installer account (default: the configuration file''s `user`, else the last login''s)'
            cand --token-file 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --token-stdin 'Read the token from standard input instead of the one `evfield login` kept'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;gps'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand read 'Wait for a fix and show it: position, quality, satellites, HDOP and age'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;gps;read'= {
            cand --gps-port 'Serial port of an NMEA 0183 GPS receiver (e.g. /dev/ttyACM0, COM4)'
            cand --baud 'Speed of the receiver''s port'
            cand --gpsd 'Ask gpsd on this machine (default address 127.0.0.1:2947)'
            cand --gps-timeout 'How long to wait for a receiver''s stable position, in seconds'
            cand --gps-epochs 'How many consecutive epochs (1 a second on most receivers) must agree before their mean is taken'
            cand --gps-radius 'How far, in metres, each of those epochs may lie from their mean'
            cand --gps-max-hdop 'The highest HDOP an epoch may have to count'
            cand --gps-photo 'Take the position from this photo''s EXIF GPS block'
            cand --gps 'The position typed by hand: LAT,LON in decimal degrees or degrees and minutes'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;gps;help'= {
            cand read 'Wait for a fix and show it: position, quality, satellites, HDOP and age'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;gps;help;read'= {
        }
        &'evfield;gps;help;help'= {
        }
        &'evfield;photo'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Check a photo: decodes completely, landscape after the EXIF orientation, minimum resolution, upload size; shows its EXIF time and GPS position'
            cand codes 'List the codes in a photo (QR, DataMatrix, Code 128 and other barcodes) and what each is: an activation sticker (MAC and password, never shown), an ICCID, a MAC, or text'
            cand receive 'Take one photo from a phone: serve a one-time upload page at ADDR (its URL and QR code are shown), wait for the first upload that passes the photo checks, and write it to FILE unchanged (EXIF kept)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;photo;check'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --before 'Check it as the photo before work (any orientation) instead of the pinpoint photo'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;photo;codes'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;photo;receive'= {
            cand --bind 'The laptop''s address on the phone''s network: IP (any free port) or IP:PORT'
            cand --out 'Where to write the photo (atomically; its folder must exist)'
            cand --timeout 'Give up after this many seconds without an accepted photo'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --before 'Check it as the photo before work (any orientation) instead of the pinpoint photo'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;photo;help'= {
            cand check 'Check a photo: decodes completely, landscape after the EXIF orientation, minimum resolution, upload size; shows its EXIF time and GPS position'
            cand codes 'List the codes in a photo (QR, DataMatrix, Code 128 and other barcodes) and what each is: an activation sticker (MAC and password, never shown), an ICCID, a MAC, or text'
            cand receive 'Take one photo from a phone: serve a one-time upload page at ADDR (its URL and QR code are shown), wait for the first upload that passes the photo checks, and write it to FILE unchanged (EXIF kept)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;photo;help;check'= {
        }
        &'evfield;photo;help;codes'= {
        }
        &'evfield;photo;help;receive'= {
        }
        &'evfield;photo;help;help'= {
        }
        &'evfield;pinpoint'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand submit 'Submit a station''s identity and place to the network, exactly once (queued in the outbox when the network cannot be reached)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;pinpoint;submit'= {
            cand --from 'Read the values from a TOML file (keys as the flags, with `_`: `mac`, `serial_again`, ...); flags override it'
            cand --mac 'MAC from the activation sticker, in any common notation'
            cand --activation-password 'Activation password from the sticker (printed on it; not an installer secret)'
            cand --manufacturer 'manufacturer'
            cand --model 'model'
            cand --serial 'Serial number from the manufacturer''s type plate'
            cand --serial-again 'The serial typed a second time (no station read exists outside a session)'
            cand --firmware 'firmware'
            cand --charge-box-id 'Charge box identity (default: the network''s identity rule applied)'
            cand --gps 'Where you stand: LAT,LON in decimal degrees or degrees and minutes'
            cand --address-id 'Address id from the network''s list'
            cand --address 'Address text that must match exactly one entry of the network''s list near the GPS fix'
            cand --pin 'Pin on the parking space, LAT,LON (default: the GPS fix)'
            cand --car-park 'car-park'
            cand --building 'building'
            cand --floor 'floor'
            cand --restrictions 'restrictions'
            cand --photo 'Landscape photo of the station and its surroundings (JPEG or PNG)'
            cand --gps-port 'Serial port of an NMEA 0183 GPS receiver (e.g. /dev/ttyACM0, COM4)'
            cand --baud 'Speed of the receiver''s port'
            cand --gpsd 'Ask gpsd on this machine (default address 127.0.0.1:2947)'
            cand --gps-timeout 'How long to wait for a receiver''s stable position, in seconds'
            cand --gps-epochs 'How many consecutive epochs (1 a second on most receivers) must agree before their mean is taken'
            cand --gps-radius 'How far, in metres, each of those epochs may lie from their mean'
            cand --gps-max-hdop 'The highest HDOP an epoch may have to count'
            cand --network 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)'
            cand --user 'Installer account (default: the configuration file''s `user`, else the last login''s)'
            cand --token-file 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --confirm-serial 'Confirm the serial was checked against the type plate: it cannot be changed after submission'
            cand --confirm-pin-distance 'Confirm a pin more than 150 m from the chosen address'
            cand --queue 'Do not wait for the network: put the submission in the outbox for `evfield sync`'
            cand --token-stdin 'Read the token from standard input instead of the one `evfield login` kept'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;pinpoint;help'= {
            cand submit 'Submit a station''s identity and place to the network, exactly once (queued in the outbox when the network cannot be reached)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;pinpoint;help;submit'= {
        }
        &'evfield;pinpoint;help;help'= {
        }
        &'evfield;requirements'= {
            cand --manufacturer 'Manufacturer as on the type plate (without it, the cached requirements are listed)'
            cand --model 'Model as on the type plate'
            cand --network 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)'
            cand --user 'Installer account (default: the configuration file''s `user`, else the last login''s)'
            cand --token-file 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --offline 'Do not ask the network; show what the cache holds'
            cand --token-stdin 'Read the token from standard input instead of the one `evfield login` kept'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;outbox'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the submissions waiting to be sent, and those the network refused (with the reason)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;outbox;list'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --all 'Also list the submissions already accepted'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;outbox;help'= {
            cand list 'List the submissions waiting to be sent, and those the network refused (with the reason)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;outbox;help;list'= {
        }
        &'evfield;outbox;help;help'= {
        }
        &'evfield;sync'= {
            cand --wait 'Keep trying while the network is unreachable or busy, for at most this many seconds'
            cand --network 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)'
            cand --user 'Installer account (default: the configuration file''s `user`, else the last login''s)'
            cand --token-file 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --retry-failed 'Send refused entries again too (after their cause was fixed, e.g. a certification)'
            cand --token-stdin 'Read the token from standard input instead of the one `evfield login` kept'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;replay'= {
            cand --phase 'Only these phases (account, precheck, before, sim, commission, labels, pinpoint, verify, session); repeatable or comma-separated'
            cand --kind 'Only these kinds of event (answer, fact, traffic, api_call, step_failed, ...; aliases api, asked, read, port); repeatable or comma-separated'
            cand --since 'Only events from this time on: RFC 3339, a UTC clock time (10:15, 10:15:30), or an offset from the session''s start (+90s, +2m, +1h30m)'
            cand --grep 'Only events whose text matches this regular expression (`(?i)` for any case)'
            cand --speed 'With --play: faster (2) or slower (0.5) than it happened'
            cand --max-gap 'With --play: the longest pause between two chunks, in seconds (before --speed)'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand -f 'Keep waiting for new events of a running session; ends at `session_done` or Ctrl-C'
            cand --follow 'Keep waiting for new events of a running session; ends at `session_done` or Ctrl-C'
            cand --play 'Re-show only the service-port traffic, with its original timing'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;log'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand verify 'Check a journal''s schema and hash chain and name the first bad event. Exit code 0: valid, 6: damaged or tampered (incl. a cut-short last line), 8: unreadable or not a journal'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;log;verify'= {
            cand --network 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)'
            cand --user 'Installer account (default: the configuration file''s `user`, else the last login''s)'
            cand --token-file 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --against-network 'Also compare it with the chain heads the network recorded for the session (sent with the pinpoint submission and at the end of the session): any difference, or no record at all, is a failure (exit code 6)'
            cand --token-stdin 'Read the token from standard input instead of the one `evfield login` kept'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;log;help'= {
            cand verify 'Check a journal''s schema and hash chain and name the first bad event. Exit code 0: valid, 6: damaged or tampered (incl. a cut-short last line), 8: unreadable or not a journal'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;log;help;verify'= {
        }
        &'evfield;log;help;help'= {
        }
        &'evfield;export'= {
            cand --site 'Export every station''s session of this site in one bundle (docs/sites.md), instead of one session'
            cand -o 'Where to write the bundle (default: evfield-<session id>.tar.gz, or evfield-site-<site>.tar.gz, in the current folder)'
            cand --output 'Where to write the bundle (default: evfield-<session id>.tar.gz, or evfield-site-<site>.tar.gz, in the current folder)'
            cand --mask 'Also mask the answers of this key (e.g. pinpoint.restrictions); repeatable. The activation password and the site access notes are always masked'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;import'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --force 'Replace an earlier import of the same session from another bundle'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;batch'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand pinpoint 'Pinpoint many stations from a CSV or JSON Lines file, one station a row (columns in docs/batch.md). Every row is checked first; a rerun sends only rows not yet accepted'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;batch;pinpoint'= {
            cand --format 'The file''s format (default: from its extension, else its first character)'
            cand --network 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)'
            cand --user 'Installer account (default: the configuration file''s `user`, else the last login''s). Its token is the one `evfield login` kept; without one, the password (from --password-stdin or EVFIELD_PASSWORD) logs in for this run'
            cand --token-file 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read'
            cand -j 'Submissions in flight at once (1 to 64)'
            cand --jobs 'Submissions in flight at once (1 to 64)'
            cand --rate 'Submissions started per second at most (0: no limit)'
            cand --state 'Run-state file (default: <data dir>/batch/<file name>-<hash of its path>.state.jsonl)'
            cand --attempts 'Attempts per submission, the first included'
            cand --retry-delay 'Delay before the first retry (doubles each time), in milliseconds'
            cand --max-retry-delay 'Longest delay between two attempts (Retry-After included), in milliseconds'
            cand --timeout 'Time limit of one attempt, in seconds'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --check 'Only check the rows (locally, nothing is sent)'
            cand --password-stdin 'Read the installer password from standard input (never from the command line)'
            cand --token-stdin 'Read the token from standard input instead of the one `evfield login` kept'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;batch;help'= {
            cand pinpoint 'Pinpoint many stations from a CSV or JSON Lines file, one station a row (columns in docs/batch.md). Every row is checked first; a rerun sends only rows not yet accepted'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;batch;help;pinpoint'= {
        }
        &'evfield;batch;help;help'= {
        }
        &'evfield;station'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand info 'Identity, firmware against the manufacturer''s minimum, state, OCPP settings and errors'
            cand ocpp 'Read or write the station''s OCPP settings'
            cand status 'The station''s OCPP connection as the network sees it: connecting, connected or error'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;station;info'= {
            cand --port 'Service port (a device path; a pseudo-terminal path is accepted as given). Default: the remembered port, or the one port whose USB id a profile knows (`evfield ports`)'
            cand --address 'The station''s network address, for stations reached over Modbus TCP, HTTP or UDP on their service Ethernet port or Wi-Fi: IP or host name, with `:PORT` when it is not the profile''s usual one. For Modbus profiles it chooses Modbus TCP over RTU'
            cand --unit-id 'Modbus unit id (slave address) when the station does not use its profile''s'
            cand --vendor 'Vendor profile id (`evfield vendors list`). Default: the profile whose USB id matches the port'
            cand --given 'A value the station cannot report over its port, as VAR=VALUE (e.g. `--given mac=24:0A:C4:11:22:33` for OpenEVSE); repeatable'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;station;ocpp'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'Read the OCPP settings'
            cand set 'Lint, write, read back and compare the OCPP settings, then restart when the profile says so'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;station;ocpp;get'= {
            cand --port 'Service port (a device path; a pseudo-terminal path is accepted as given). Default: the remembered port, or the one port whose USB id a profile knows (`evfield ports`)'
            cand --address 'The station''s network address, for stations reached over Modbus TCP, HTTP or UDP on their service Ethernet port or Wi-Fi: IP or host name, with `:PORT` when it is not the profile''s usual one. For Modbus profiles it chooses Modbus TCP over RTU'
            cand --unit-id 'Modbus unit id (slave address) when the station does not use its profile''s'
            cand --vendor 'Vendor profile id (`evfield vendors list`). Default: the profile whose USB id matches the port'
            cand --given 'A value the station cannot report over its port, as VAR=VALUE (e.g. `--given mac=24:0A:C4:11:22:33` for OpenEVSE); repeatable'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;station;ocpp;set'= {
            cand --port 'Service port (a device path; a pseudo-terminal path is accepted as given). Default: the remembered port, or the one port whose USB id a profile knows (`evfield ports`)'
            cand --address 'The station''s network address, for stations reached over Modbus TCP, HTTP or UDP on their service Ethernet port or Wi-Fi: IP or host name, with `:PORT` when it is not the profile''s usual one. For Modbus profiles it chooses Modbus TCP over RTU'
            cand --unit-id 'Modbus unit id (slave address) when the station does not use its profile''s'
            cand --vendor 'Vendor profile id (`evfield vendors list`). Default: the profile whose USB id matches the port'
            cand --given 'A value the station cannot report over its port, as VAR=VALUE (e.g. `--given mac=24:0A:C4:11:22:33` for OpenEVSE); repeatable'
            cand --url 'Central-system URL (ws:// or wss://), without the charge box identity'
            cand --charge-box-id 'Charge box identity'
            cand --security-profile 'OCPP security profile to write (0 none, 1 basic auth, 2 TLS + basic auth, 3 TLS + client certificate), where the station has one. Not given: left as it is'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --authorization-key-stdin 'Read the authorization key (the HTTP Basic password of profiles 1 and 2) from the first line of standard input. Without it, EVFIELD_OCPP_AUTH_KEY is used when set. Never give a key on the command line'
            cand --force 'Write even when the lint finds problems (warnings are always shown)'
            cand --no-reboot 'Do not restart the station after writing'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;station;ocpp;help'= {
            cand get 'Read the OCPP settings'
            cand set 'Lint, write, read back and compare the OCPP settings, then restart when the profile says so'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;station;ocpp;help;get'= {
        }
        &'evfield;station;ocpp;help;set'= {
        }
        &'evfield;station;ocpp;help;help'= {
        }
        &'evfield;station;status'= {
            cand --mac 'Find the station by its MAC (any notation)'
            cand --wait 'Poll until the station is connected, for at most this many seconds (0: look once)'
            cand --network 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)'
            cand --user 'Installer account (default: the configuration file''s `user`, else the last login''s)'
            cand --token-file 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --token-stdin 'Read the token from standard input instead of the one `evfield login` kept'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;station;help'= {
            cand info 'Identity, firmware against the manufacturer''s minimum, state, OCPP settings and errors'
            cand ocpp 'Read or write the station''s OCPP settings'
            cand status 'The station''s OCPP connection as the network sees it: connecting, connected or error'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;station;help;info'= {
        }
        &'evfield;station;help;ocpp'= {
            cand get 'Read the OCPP settings'
            cand set 'Lint, write, read back and compare the OCPP settings, then restart when the profile says so'
        }
        &'evfield;station;help;ocpp;get'= {
        }
        &'evfield;station;help;ocpp;set'= {
        }
        &'evfield;station;help;status'= {
        }
        &'evfield;station;help;help'= {
        }
        &'evfield;modem'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'PIN state, ICCID (Luhn-checked), registration, signal (dBm and bars), operator, APN and the next thing to try. `--vendor` defaults to `generic-modem` (the modem''s own AT port)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;modem;check'= {
            cand --port 'Service port (a device path; a pseudo-terminal path is accepted as given). Default: the remembered port, or the one port whose USB id a profile knows (`evfield ports`)'
            cand --address 'The station''s network address, for stations reached over Modbus TCP, HTTP or UDP on their service Ethernet port or Wi-Fi: IP or host name, with `:PORT` when it is not the profile''s usual one. For Modbus profiles it chooses Modbus TCP over RTU'
            cand --unit-id 'Modbus unit id (slave address) when the station does not use its profile''s'
            cand --vendor 'Vendor profile id (`evfield vendors list`). Default: the profile whose USB id matches the port'
            cand --given 'A value the station cannot report over its port, as VAR=VALUE (e.g. `--given mac=24:0A:C4:11:22:33` for OpenEVSE); repeatable'
            cand --apn 'The network''s APN: a different or missing APN in context 1 is reported'
            cand --set-apn 'Set this APN in context 1 before checking (`AT+CGDCONT=1,"IP","APN"`)'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;modem;help'= {
            cand check 'PIN state, ICCID (Luhn-checked), registration, signal (dBm and bars), operator, APN and the next thing to try. `--vendor` defaults to `generic-modem` (the modem''s own AT port)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;modem;help;check'= {
        }
        &'evfield;modem;help;help'= {
        }
        &'evfield;ocpp'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand probe 'Run a temporary OCPP central system (1.6J or 2.0.1) on this laptop: wait for the station, read its BootNotification and configuration, change settings and reset it if asked, and print its identity and configuration'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;ocpp;probe'= {
            cand --bind 'Where to listen, IP:PORT: the laptop''s address on the station''s network, or 0.0.0.0 for all interfaces (PORT 0 lets the system choose). Point the station at ws://IP:PORT/'
            cand --wait 'How long to wait for the station to connect, in seconds'
            cand --boot-wait 'How long to wait for its BootNotification once connected, in seconds'
            cand --call-timeout 'How long the station has to answer each call, in seconds'
            cand --key 'Read this 1.6 key or 2.0.1 Component.Variable only (repeatable; default: all)'
            cand --set 'Change KEY=VALUE (1.6 ChangeConfiguration, 2.0.1 SetVariables), then read it back (repeatable, in order)'
            cand --reset 'Reset the station afterwards and wait for it to boot again'
            cand --ocpp-version 'The OCPP version to speak: 1.6 (subprotocol ocpp1.6), 2.0.1 (ocpp2.0.1), or auto'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;ocpp;help'= {
            cand probe 'Run a temporary OCPP central system (1.6J or 2.0.1) on this laptop: wait for the station, read its BootNotification and configuration, change settings and reset it if asked, and print its identity and configuration'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;ocpp;help;probe'= {
        }
        &'evfield;ocpp;help;help'= {
        }
        &'evfield;ports'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --usb 'Also list every USB device, not only serial ports'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;vendors'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The vendor profiles: built in and from the user''s folder'
            cand show 'One profile in full: models, minimum firmware, service port, steps'
            cand decode 'Decode an article number (e.g. Wallbox `PLP1-0-2-4-9-002`) and say whether OCPP is fitted'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;vendors;list'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;vendors;show'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;vendors;decode'= {
            cand --vendor 'Vendor profile id (default: every profile with article numbers is tried)'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;vendors;help'= {
            cand list 'The vendor profiles: built in and from the user''s folder'
            cand show 'One profile in full: models, minimum firmware, service port, steps'
            cand decode 'Decode an article number (e.g. Wallbox `PLP1-0-2-4-9-002`) and say whether OCPP is fitted'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;vendors;help;list'= {
        }
        &'evfield;vendors;help;show'= {
        }
        &'evfield;vendors;help;decode'= {
        }
        &'evfield;vendors;help;help'= {
        }
        &'evfield;rfid'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand convert 'Show a UID as hex, little-endian hex and decimal'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;rfid;convert'= {
            cand --from 'How the UID is written'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;rfid;help'= {
            cand convert 'Show a UID as hex, little-endian hex and decimal'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;rfid;help;convert'= {
        }
        &'evfield;rfid;help;help'= {
        }
        &'evfield;checklist'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the checklists in use (built-in, or replaced and added from the config dir)'
            cand show 'Show one checklist''s items, their evidence and their answers keys'
            cand run 'Go through one checklist: at the terminal, or answered by --set and --answers'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;checklist;list'= {
            cand --manufacturer 'Only the checklists that apply to this manufacturer''s stations (with --model: that model)'
            cand --model 'model'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;checklist;show'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;checklist;run'= {
            cand --set 'Answer an item as KEY=VALUE (e.g. `--set safety.voltage=0.1`); repeatable'
            cand --answers 'Answers file (TOML, as for `renetwork`; docs/answers.md)'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;checklist;help'= {
            cand list 'List the checklists in use (built-in, or replaced and added from the config dir)'
            cand show 'Show one checklist''s items, their evidence and their answers keys'
            cand run 'Go through one checklist: at the terminal, or answered by --set and --answers'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;checklist;help;list'= {
        }
        &'evfield;checklist;help;show'= {
        }
        &'evfield;checklist;help;run'= {
        }
        &'evfield;checklist;help;help'= {
        }
        &'evfield;sticker'= {
            cand --mac 'The station''s MAC, as printed on the sticker (default with --session: read from the station)'
            cand --password 'The activation password from the network''s kit (printed on the sticker; not a secret of the installer)'
            cand --template 'The network''s pinpointing URL template with {mac} and {password} (its requirements'' `pinpoint_url_template`)'
            cand --session 'Take the template, MAC and password from a session''s journal (default: the newest session), e.g. to print a lost sticker again'
            cand -o 'Write a file; the format comes from the extension (.svg, .png, .pdf, .zpl, .txt). Repeatable'
            cand --out 'Write a file; the format comes from the extension (.svg, .png, .pdf, .zpl, .txt). Repeatable'
            cand --format 'Format printed on stdout when no --out is given (default: terminal; ascii when stdout is not a terminal)'
            cand --stock 'Label stock (see --list-stock)'
            cand --dpi 'Dots per inch of the printer: PNG and ZPL are drawn in its dots, PDF modules are whole dots of it (Zebra printheads: 203, 300, 600)'
            cand --ecc 'QR error correction: L 7 %, M 15 %, Q 25 %, H 30 % of the code may be lost'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --list-stock 'List the label stocks and exit'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;completions'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand --experimental 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;help'= {
            cand renetwork 'Guided re-networking of one station, from the pre-check to a verified, pinpointed station'
            cand sessions 'List sessions and their state (in progress at step X, failed, done, abandoned); `sessions abandon ID` gives one up'
            cand sim 'Run a simulated station on a pseudo-terminal and print its port path'
            cand sandbox 'Run the sandbox network (installer API and OCPP endpoint) on 127.0.0.1'
            cand login 'Log in to the network''s installer API; the token is kept in the OS keyring'
            cand logout 'Forget the installer token (keyring, token file) and the account file'
            cand whoami 'Who is logged in, at which network, and whether they are certified'
            cand gps 'Read a GPS position: NMEA receiver, gpsd, photo EXIF or typed'
            cand photo 'Check a photo for pinpointing (landscape, resolution, upload size, EXIF)'
            cand pinpoint 'Pinpoint a station outside a session: `pinpoint submit`'
            cand requirements 'The network''s requirements for a station model (cached with their age for offline sites)'
            cand outbox 'Pinpoint submissions waiting for the network, and those it refused'
            cand sync 'Send the outbox''s submissions (and their photos), each exactly once'
            cand replay 'Show a session''s journal as a timeline: answers, values read, service-port bytes, API calls'
            cand log 'Session journal tools (`log verify`)'
            cand export 'Pack a session into one support bundle (.tar.gz), secrets masked (activation password, site access notes)'
            cand import 'Unpack a support bundle into the data dir (imports/<session id>) and verify it'
            cand batch 'Scripting many stations at once (`batch pinpoint FILE`)'
            cand station 'The station over its service port (identity, firmware, state, OCPP settings), and as the network sees it (`station status`)'
            cand modem 'Check the SIM and the cellular link over AT commands, with a verdict'
            cand ocpp 'A temporary OCPP 1.6J central system on this laptop (`ocpp probe`): identify and configure a station over OCPP before it is pointed at the network'
            cand ports 'Serial ports and USB devices, and which vendor profile each matches'
            cand vendors 'Vendor profiles: list, show, decode an article number'
            cand rfid 'RFID UIDs: hex, little-endian hex and decimal'
            cand checklist 'Checklists: list them, show one, or go through one outside a session'
            cand sticker 'Print the activation sticker: a QR code of the pinpointing URL with the MAC and the activation password beside it, for the terminal or as SVG, PNG, PDF or ZPL files'
            cand completions 'Print shell completions (bash, zsh, fish, powershell, elvish) or the man page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;help;renetwork'= {
        }
        &'evfield;help;sessions'= {
            cand abandon 'Give up an unfinished session: the reason is journaled, its files are kept for support, and it is never resumed'
        }
        &'evfield;help;sessions;abandon'= {
        }
        &'evfield;help;sim'= {
        }
        &'evfield;help;sandbox'= {
        }
        &'evfield;help;login'= {
        }
        &'evfield;help;logout'= {
        }
        &'evfield;help;whoami'= {
        }
        &'evfield;help;gps'= {
            cand read 'Wait for a fix and show it: position, quality, satellites, HDOP and age'
        }
        &'evfield;help;gps;read'= {
        }
        &'evfield;help;photo'= {
            cand check 'Check a photo: decodes completely, landscape after the EXIF orientation, minimum resolution, upload size; shows its EXIF time and GPS position'
            cand codes 'List the codes in a photo (QR, DataMatrix, Code 128 and other barcodes) and what each is: an activation sticker (MAC and password, never shown), an ICCID, a MAC, or text'
            cand receive 'Take one photo from a phone: serve a one-time upload page at ADDR (its URL and QR code are shown), wait for the first upload that passes the photo checks, and write it to FILE unchanged (EXIF kept)'
        }
        &'evfield;help;photo;check'= {
        }
        &'evfield;help;photo;codes'= {
        }
        &'evfield;help;photo;receive'= {
        }
        &'evfield;help;pinpoint'= {
            cand submit 'Submit a station''s identity and place to the network, exactly once (queued in the outbox when the network cannot be reached)'
        }
        &'evfield;help;pinpoint;submit'= {
        }
        &'evfield;help;requirements'= {
        }
        &'evfield;help;outbox'= {
            cand list 'List the submissions waiting to be sent, and those the network refused (with the reason)'
        }
        &'evfield;help;outbox;list'= {
        }
        &'evfield;help;sync'= {
        }
        &'evfield;help;replay'= {
        }
        &'evfield;help;log'= {
            cand verify 'Check a journal''s schema and hash chain and name the first bad event. Exit code 0: valid, 6: damaged or tampered (incl. a cut-short last line), 8: unreadable or not a journal'
        }
        &'evfield;help;log;verify'= {
        }
        &'evfield;help;export'= {
        }
        &'evfield;help;import'= {
        }
        &'evfield;help;batch'= {
            cand pinpoint 'Pinpoint many stations from a CSV or JSON Lines file, one station a row (columns in docs/batch.md). Every row is checked first; a rerun sends only rows not yet accepted'
        }
        &'evfield;help;batch;pinpoint'= {
        }
        &'evfield;help;station'= {
            cand info 'Identity, firmware against the manufacturer''s minimum, state, OCPP settings and errors'
            cand ocpp 'Read or write the station''s OCPP settings'
            cand status 'The station''s OCPP connection as the network sees it: connecting, connected or error'
        }
        &'evfield;help;station;info'= {
        }
        &'evfield;help;station;ocpp'= {
            cand get 'Read the OCPP settings'
            cand set 'Lint, write, read back and compare the OCPP settings, then restart when the profile says so'
        }
        &'evfield;help;station;ocpp;get'= {
        }
        &'evfield;help;station;ocpp;set'= {
        }
        &'evfield;help;station;status'= {
        }
        &'evfield;help;modem'= {
            cand check 'PIN state, ICCID (Luhn-checked), registration, signal (dBm and bars), operator, APN and the next thing to try. `--vendor` defaults to `generic-modem` (the modem''s own AT port)'
        }
        &'evfield;help;modem;check'= {
        }
        &'evfield;help;ocpp'= {
            cand probe 'Run a temporary OCPP central system (1.6J or 2.0.1) on this laptop: wait for the station, read its BootNotification and configuration, change settings and reset it if asked, and print its identity and configuration'
        }
        &'evfield;help;ocpp;probe'= {
        }
        &'evfield;help;ports'= {
        }
        &'evfield;help;vendors'= {
            cand list 'The vendor profiles: built in and from the user''s folder'
            cand show 'One profile in full: models, minimum firmware, service port, steps'
            cand decode 'Decode an article number (e.g. Wallbox `PLP1-0-2-4-9-002`) and say whether OCPP is fitted'
        }
        &'evfield;help;vendors;list'= {
        }
        &'evfield;help;vendors;show'= {
        }
        &'evfield;help;vendors;decode'= {
        }
        &'evfield;help;rfid'= {
            cand convert 'Show a UID as hex, little-endian hex and decimal'
        }
        &'evfield;help;rfid;convert'= {
        }
        &'evfield;help;checklist'= {
            cand list 'List the checklists in use (built-in, or replaced and added from the config dir)'
            cand show 'Show one checklist''s items, their evidence and their answers keys'
            cand run 'Go through one checklist: at the terminal, or answered by --set and --answers'
        }
        &'evfield;help;checklist;list'= {
        }
        &'evfield;help;checklist;show'= {
        }
        &'evfield;help;checklist;run'= {
        }
        &'evfield;help;sticker'= {
        }
        &'evfield;help;completions'= {
        }
        &'evfield;help;help'= {
        }
    ]
    $completions[$command]
}
