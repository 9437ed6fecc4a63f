package org.groupeval.domain.scoring;

/** A veto (一票否决) or a fraud finding (弄虚作假) as stated on the sheet: applied or not, and why. */
public record Sanction(boolean applied, String reason) {

    public static final Sanction NONE = new Sanction(false, null);
}
