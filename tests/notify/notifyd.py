#!/usr/bin/python3
# notifyd.py: a small org.freedesktop.Notifications server for the tests.
# It owns the name on the session bus given by DBUS_SESSION_BUS_ADDRESS,
# answers as a notification daemon does, and appends each notification it
# receives to LOG as one JSON object a line (app, summary, body, urgency,
# expire_timeout). It writes READY next to LOG once it owns the name.
# Debian's python3-dbus and python3-gi: run it with /usr/bin/python3.
import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Server(dbus.service.Object):
    def __init__(self, bus, log):
        self.log = log
        self.next_id = 0
        self.bus_name = dbus.service.BusName(NAME, bus)
        super().__init__(self.bus_name, PATH)

    @dbus.service.method(NAME, in_signature="susssasa{sv}i",
                         out_signature="u")
    def Notify(self, app, replaces, icon, summary, body, actions, hints,
               timeout):
        self.next_id += 1
        urgency = hints.get("urgency")
        rec = {
            "app": str(app),
            "summary": str(summary),
            "body": str(body),
            "urgency": int(urgency) if urgency is not None else None,
            "category": str(hints.get("category", "")),
            "expire_timeout": int(timeout),
        }
        with open(self.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return dbus.UInt32(self.next_id)

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["body"]

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ["ttydesk-test", "ttydesk", "1.0", "1.2"]

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def CloseNotification(self, nid):
        pass


def main():
    log = sys.argv[1]
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    Server(bus, log)
    with open(log + ".ready", "w") as f:
        f.write("ready\n")
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
