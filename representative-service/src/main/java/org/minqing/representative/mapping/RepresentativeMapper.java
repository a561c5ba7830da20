package org.minqing.representative.mapping;

import static org.minqing.representative.service.EncryptedFields.LIAISON_OFFICER_EMAIL;
import static org.minqing.representative.service.EncryptedFields.LIAISON_OFFICER_PHONE;
import static org.minqing.representative.service.EncryptedFields.REPRESENTATIVE_EMAIL;
import static org.minqing.representative.service.EncryptedFields.REPRESENTATIVE_PHONE;

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
        String phone = cipher.decrypt(REPRESENTATIVE_PHONE.row(r.id), r.phoneEnc);
        String email = cipher.decrypt(REPRESENTATIVE_EMAIL.row(r.id), r.emailEnc);
        return new RepresentativeView(r.id, r.name, r.kind, Labels.kind(r.kind, r.level), r.level, r.termStart,
                r.termEnd, r.constituencyCode, r.liaisonStation,
                fullContact ? phone : Masking.phone(phone), fullContact ? email : Masking.email(email),
                !fullContact, r.userSubject, r.active);
    }

    public LiaisonOfficerView view(LiaisonOfficer o, boolean fullContact) {
        String phone = cipher.decrypt(LIAISON_OFFICER_PHONE.row(o.id), o.phoneEnc);
        String email = cipher.decrypt(LIAISON_OFFICER_EMAIL.row(o.id), o.emailEnc);
        return new LiaisonOfficerView(o.id, o.name, o.communityCode,
                fullContact ? phone : Masking.phone(phone), fullContact ? email : Masking.email(email),
                !fullContact, o.userSubject, o.active);
    }
}
