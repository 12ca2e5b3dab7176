FROM postgres:16
RUN psql --password -U app -c "SELECT 1" \
 && mysql -u root -p appdb < schema.sql \
 && ./configure --with-password-file=/run/secrets/pw --enable-password-policy \
 && echo 'root:$6$rounds=5000$saltsalt$hash' | chpasswd -e
