package io.firstsettle.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * Whether a given user may open a serial device for reading and writing, from the device's owner, group and mode
 * alone (the kernel's rule for a tty), so the answer is the same whoever runs the check, root included: the doctor
 * tells a lab engineer working as root that the bench user could not open the port.
 */
public final class PortAccess {
    /** A user: uid, primary and supplementary groups. */
    public record Identity(String name, int uid, Set<Integer> gids) {
        public static Identity current() {
            com.sun.security.auth.module.UnixSystem u = new com.sun.security.auth.module.UnixSystem();
            Set<Integer> g = new java.util.HashSet<>();
            g.add((int) u.getGid());
            for (long x : u.getGroups()) {
                g.add((int) x);
            }
            return new Identity(u.getUsername(), (int) u.getUid(), Set.copyOf(g));
        }
    }

    /**
     * The answer: allowed, or why not and the group that would allow it.
     *
     * @param group            the device's group, or {@code dialout} where joining the device's group is no fix
     * @param joiningGroupWill whether joining {@code group} alone gives access (the group has read and write on the
     *                         device, and it is a group a user may join: not root, not tty)
     */
    public record Verdict(boolean allowed, String why, String group, boolean joiningGroupWill) {
        public Verdict(boolean allowed, String why, String group) {
            this(allowed, why, group, true);
        }

        /** What {@code user} must do to open the port, in one sentence. */
        public String fix(String user) {
            if (joiningGroupWill) {
                return "sudo usermod -aG " + group + " " + user + " and log in again, or a udev rule with GROUP=\""
                        + group + "\", MODE=\"0660\" (lab-setup.md §3)";
            }
            return "install the udev rule of lab-setup.md §3 (GROUP=\"" + group + "\", MODE=\"0660\") so the port"
                    + " belongs to group " + group + ", then sudo usermod -aG " + group + " " + user
                    + " and log in again";
        }
    }

    /** Groups no bench user should join to reach a serial port: root is root, tty writes to every console. */
    private static final Set<String> NOT_TO_JOIN = Set.of("root", "tty", "wheel", "sudo", "adm");

    private PortAccess() {
    }

    public static Verdict check(Path device, Identity who) {
        try {
            Map<String, Object> a = Files.readAttributes(device, "unix:uid,gid");
            int uid = (Integer) a.get("uid");
            int gid = (Integer) a.get("gid");
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(device);
            String group = Files.getAttribute(device, "posix:group").toString();
            if (who.uid() == 0) {
                return new Verdict(true, "root may open any device (a bench user needs group " + group + ")", group);
            }
            boolean ok;
            String as;
            if (who.uid() == uid) {
                ok = perms.contains(PosixFilePermission.OWNER_READ) && perms.contains(PosixFilePermission.OWNER_WRITE);
                as = "its owner";
            } else if (who.gids().contains(gid)) {
                ok = perms.contains(PosixFilePermission.GROUP_READ) && perms.contains(PosixFilePermission.GROUP_WRITE);
                as = "a member of group " + group;
            } else {
                ok = perms.contains(PosixFilePermission.OTHERS_READ) && perms.contains(PosixFilePermission.OTHERS_WRITE);
                as = "not in group " + group;
            }
            String mode = java.nio.file.attribute.PosixFilePermissions.toString(perms);
            boolean joinable = !NOT_TO_JOIN.contains(group) && perms.contains(PosixFilePermission.GROUP_READ)
                    && perms.contains(PosixFilePermission.GROUP_WRITE);
            return new Verdict(ok, "user " + who.name() + " (uid " + who.uid() + ") is " + as + "; " + device + " is "
                    + mode + " " + Files.getOwner(device).getName() + ":" + group, joinable ? group : "dialout",
                    joinable);
        } catch (IOException | UnsupportedOperationException e) {
            return new Verdict(false, "cannot read the permissions of " + device + ": " + e.getMessage(), "dialout");
        }
    }
}
