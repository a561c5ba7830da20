package org.minqing.representative.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.minqing.kit.crypto.FieldCipher;
import org.minqing.kit.crypto.Masking;
import org.minqing.representative.LiaisonOfficer;
import org.minqing.representative.Representative;
import org.minqing.representative.mapping.Views.LiaisonOfficerView;
import org.minqing.representative.mapping.Views.RepresentativeView;

/** Entity → view, decrypting contact data and masking it when the caller may not read it. */
@ApplicationScoped
public class RepresentativeMapper {

    @Inject
    FieldCipher cipher;

    public RepresentativeView view(Representative r, boolean fullContact) {
        String phone = cipher.decrypt(r.phoneEnc);
        String email = cipher.decrypt(r.emailEnc);
        return new RepresentativeView(r.id, r.name, r.kind, Labels.kind(r.kind, r.level), r.level, r.termStart,
                r.termEnd, r.constituencyCode, r.liaisonStation,
                fullContact ? phone : Masking.phone(phone), fullContact ? email : Masking.email(email),
                !fullContact, r.userSubject, r.active);
    }

    public LiaisonOfficerView view(LiaisonOfficer o, boolean fullContact) {
        String phone = cipher.decrypt(o.phoneEnc);
        String email = cipher.decrypt(o.emailEnc);
        return new LiaisonOfficerView(o.id, o.name, o.communityCode,
                fullContact ? phone : Masking.phone(phone), fullContact ? email : Masking.email(email),
                !fullContact, o.userSubject, o.active);
    }
}
