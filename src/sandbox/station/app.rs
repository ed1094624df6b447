//! The station configured outside its service port: in the manufacturer's app (Wallbox's
//! myWallbox) or in its own web page (the OpenEVSE WiFi module). The demo rig plays the
//! installer's hands here when the session's guided step is confirmed, the way
//! [`SimHandle::swap_sim`] plays the SIM swap.

use super::{NO_TLS_ERROR, SimHandle, check_id, check_url};

impl SimHandle {
    /// Store OCPP settings as entered in the app (the app refuses what the firmware would).
    /// With `restart` the station restarts by itself to apply them (Wallbox: after SAVE);
    /// without, only its OCPP client reconnects with them (the OpenEVSE WiFi module).
    /// Settings equal to the stored ones change nothing (a resumed demo confirms again).
    pub fn configure_in_app(
        &self,
        url: &str,
        charge_box_id: &str,
        restart: bool,
    ) -> std::result::Result<(), String> {
        check_url(url)?;
        check_id(charge_box_id)?;
        let changed = self.shared.update(|s| {
            let changed = s.ocpp_url.as_deref() != Some(url)
                || s.charge_box_id.as_deref() != Some(charge_box_id);
            s.ocpp_url = Some(url.to_string());
            s.charge_box_id = Some(charge_box_id.to_string());
            s.errors.retain(|e| e != NO_TLS_ERROR);
            // go-e: entering the settings in its app switches OCPP on (as does OpenEVSE's
            // guided step: "Switch OCPP on")
            s.config.insert("ocppe".into(), "true".into());
            s.config.insert("ocpp_enabled".into(), "true".into());
            changed
        });
        if !changed {
            self.shared
                .log("app: OCPP settings saved again, unchanged".to_string());
            return Ok(());
        }
        self.shared.log(format!(
            "app: OCPP enabled, url {url}, identity {charge_box_id}{}",
            if restart { ", restarting" } else { "" }
        ));
        if restart {
            self.shared.reboot();
        } else {
            self.shared.stop_ocpp("new OCPP settings");
            self.shared.start_ocpp();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::super::{SimOptions, SimState, start};

    fn wait_for(what: &str, f: impl Fn() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while !f() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn settings_from_the_app_restart_the_station_or_only_its_client() {
        let sim = start(
            SimState::default(),
            SimOptions {
                boot_delay: Duration::from_millis(20),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(sim.boots(), 1);
        assert!(sim.configure_in_app("http://x", "A", true).is_err());
        assert!(sim.configure_in_app("ws://x", "a b", true).is_err());
        assert_eq!(sim.state().ocpp_url, None, "refused settings are not kept");

        sim.configure_in_app("ws://127.0.0.1:9/ocpp", "CB-1", true)
            .unwrap();
        assert_eq!(sim.state().charge_box_id.as_deref(), Some("CB-1"));
        wait_for("the restart", || sim.boots() == 2);
        // the same settings again: no second restart
        sim.configure_in_app("ws://127.0.0.1:9/ocpp", "CB-1", true)
            .unwrap();
        assert!(
            sim.log()
                .iter()
                .any(|l| l.contains("saved again, unchanged"))
        );
        assert!(!sim.shared.booting(), "no second restart");
        // without restart only the OCPP client starts over with the new settings
        sim.configure_in_app("ws://127.0.0.1:9/other", "CB-2", false)
            .unwrap();
        assert_eq!(sim.boots(), 2);
        wait_for("the client on the new URL", || {
            sim.log()
                .iter()
                .any(|l| l.contains("cannot connect to ws://127.0.0.1:9/other/CB-2"))
        });
    }
}
